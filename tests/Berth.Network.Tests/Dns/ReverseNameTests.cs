using System.Net;
using Berth.Network.Dns;

namespace Berth.Network.Tests.Dns;

public sealed class ReverseNameTests
{
    [Theory]
    [InlineData("5.0.0.10.in-addr.arpa", "10.0.0.5")]
    [InlineData("5.0.0.10.IN-ADDR.ARPA.", "10.0.0.5")]
    [InlineData("255.255.255.255.in-addr.arpa", "255.255.255.255")]
    [InlineData("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.d.f.ip6.arpa", "fd00::1")]
    [InlineData("B.A.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.B.D.0.1.0.0.2.ip6.arpa", "2001:db8::ab")]
    public void Full_reverse_names_give_their_address(string name, string address)
    {
        Assert.Equal(IPAddress.Parse(address), ReverseName.TryParse(name));
    }

    [Theory]
    [InlineData("0.10.in-addr.arpa")]        // a zone, not an address
    [InlineData("1.5.0.0.10.in-addr.arpa")]
    [InlineData("05.0.0.10.in-addr.arpa")]
    [InlineData("256.0.0.10.in-addr.arpa")]
    [InlineData("+5.0.0.10.in-addr.arpa")]
    [InlineData("a.0.0.10.in-addr.arpa")]
    [InlineData("web")]
    [InlineData("in-addr.arpa")]
    [InlineData("1.0.d.f.ip6.arpa")]
    [InlineData("10.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.d.f.ip6.arpa")]
    public void Other_names_are_not_addresses(string name)
    {
        Assert.Null(ReverseName.TryParse(name));
    }

    [Theory]
    [InlineData("10.0.0.5", "5.0.0.10.in-addr.arpa")]
    [InlineData("2001:db8::ab", "b.a.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa")]
    public void Addresses_give_their_reverse_name_and_back(string address, string name)
    {
        Assert.Equal(name, ReverseName.For(IPAddress.Parse(address)));
        Assert.Equal(IPAddress.Parse(address), ReverseName.TryParse(name));
    }
}
