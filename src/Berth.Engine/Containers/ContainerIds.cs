using System.Security.Cryptography;

namespace Berth.Engine.Containers;

// Container and exec IDs: 32 random bytes as 64 lowercase hex digits, as Docker makes them. An ID that is all
// digits is drawn again, because Docker's short form (12 characters) must not read as a number.
public static class ContainerIds
{
    public static string New()
    {
        while (true)
        {
            var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
            if (!id[..12].All(char.IsAsciiDigit)) return id;
        }
    }

    public static bool IsFullId(string text) => text.Length == 64 && text.All(char.IsAsciiHexDigitLower);

    public static string Short(string id) => id.Length > 12 ? id[..12] : id;
}
