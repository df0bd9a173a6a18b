using Berth.Linux.Security;

namespace Berth.Linux.Tests.Security;

public class SeccompEncodingTests
{
    [Theory]
    [InlineData("SCMP_ACT_KILL", null, 0x00000000u)]
    [InlineData("SCMP_ACT_KILL_THREAD", null, 0x00000000u)]
    [InlineData("SCMP_ACT_KILL_PROCESS", null, 0x80000000u)]
    [InlineData("SCMP_ACT_TRAP", null, 0x00030000u)]
    [InlineData("SCMP_ACT_ERRNO", null, 0x00050001u)]
    [InlineData("SCMP_ACT_ERRNO", 38u, 0x00050026u)]
    [InlineData("SCMP_ACT_ERRNO", 0u, 0x00050000u)]
    [InlineData("SCMP_ACT_TRACE", null, 0x7ff00001u)]
    [InlineData("SCMP_ACT_TRACE", 4095u, 0x7ff00fffu)]
    [InlineData("SCMP_ACT_LOG", null, 0x7ffc0000u)]
    [InlineData("SCMP_ACT_ALLOW", null, 0x7fff0000u)]
    [InlineData("SCMP_ACT_ALLOW", 5u, 0x7fff0000u)]
    public void Actions_encode_as_libseccomp_does(string name, uint? errno, uint expected) =>
        Assert.Equal(expected, SeccompEncoding.Action(name, errno));

    [Fact]
    public void Unknown_and_unsupported_actions_are_refused()
    {
        Assert.Equal("unknown seccomp action \"SCMP_ACT_NOPE\"",
            Assert.Throws<LinuxException>(() => SeccompEncoding.Action("SCMP_ACT_NOPE", null)).Message);
        Assert.Equal("seccomp notify is not supported yet",
            Assert.Throws<LinuxException>(() => SeccompEncoding.Action("SCMP_ACT_NOTIFY", null)).Message);
        Assert.Equal("seccomp errnoRet 70000 is out of range (0-4095)",
            Assert.Throws<LinuxException>(() => SeccompEncoding.Action("SCMP_ACT_ERRNO", 70000)).Message);
    }

    [Theory]
    [InlineData("SCMP_CMP_NE", 1)]
    [InlineData("SCMP_CMP_LT", 2)]
    [InlineData("SCMP_CMP_LE", 3)]
    [InlineData("SCMP_CMP_EQ", 4)]
    [InlineData("SCMP_CMP_GE", 5)]
    [InlineData("SCMP_CMP_GT", 6)]
    [InlineData("SCMP_CMP_MASKED_EQ", 7)]
    public void Operators_encode_as_enum_scmp_compare(string name, int expected) =>
        Assert.Equal(expected, SeccompEncoding.Op(name));

    [Fact]
    public void Unknown_operator_is_named()
    {
        Assert.Equal("unknown seccomp operator \"SCMP_CMP_XX\"",
            Assert.Throws<LinuxException>(() => SeccompEncoding.Op("SCMP_CMP_XX")).Message);
    }

    [Theory]
    [InlineData("SCMP_ARCH_X86_64", "x86_64")]
    [InlineData("SCMP_ARCH_X86", "x86")]
    [InlineData("SCMP_ARCH_X32", "x32")]
    [InlineData("SCMP_ARCH_AARCH64", "aarch64")]
    [InlineData("SCMP_ARCH_ARM", "arm")]
    [InlineData("SCMP_ARCH_MIPSEL64N32", "mipsel64n32")]
    [InlineData("SCMP_ARCH_PPC64LE", "ppc64le")]
    [InlineData("SCMP_ARCH_S390X", "s390x")]
    [InlineData("SCMP_ARCH_RISCV64", "riscv64")]
    public void Architectures_map_to_libseccomp_names(string name, string expected) =>
        Assert.Equal(expected, SeccompEncoding.Arch(name));

    [Fact]
    public void Unknown_architecture_and_flag_are_named()
    {
        Assert.Equal("unknown seccomp architecture \"SCMP_ARCH_VAX\"",
            Assert.Throws<LinuxException>(() => SeccompEncoding.Arch("SCMP_ARCH_VAX")).Message);
        Assert.Equal("unknown seccomp flag \"SECCOMP_FILTER_FLAG_FAST\"",
            Assert.Throws<LinuxException>(() => SeccompEncoding.Flag("SECCOMP_FILTER_FLAG_FAST")).Message);
    }
}
