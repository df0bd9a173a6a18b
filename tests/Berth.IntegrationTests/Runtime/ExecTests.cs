using Berth.IntegrationTests.Infrastructure;
using Berth.Oci.Runtime;

namespace Berth.IntegrationTests.Runtime;

public sealed class ExecTests
{
    [SkippableTheory, MemberData(nameof(RuntimeCatalog.All), MemberType = typeof(RuntimeCatalog))]
    public void Exec_joins_the_running_containers_namespaces(string runtime)
    {
        using var rt = RuntimeUnderTest.For(runtime);
        var bundle = rt.NewBundle(["sleep", "1000"], spec => spec.Hostname = "berth-it-exec");
        var id = rt.NewId();
        rt.Create(bundle, id).EnsureSuccess();
        rt.Start(id).EnsureSuccess();

        Assert.Equal("berth-it-exec", rt.Exec(id, "hostname").EnsureSuccess().Stdout.Trim());
        Assert.Equal("sleep\01000\0", rt.Exec(id, "cat", "/proc/1/cmdline").EnsureSuccess().Stdout);
        Assert.Equal("lo", rt.Exec(id, "ls", "/sys/class/net").EnsureSuccess().Stdout.Trim());
        rt.Exec(id, "sh", "-c", "exit 5").ExpectExit(5);
        Assert.Equal("running", rt.StateOf(id).Status);
    }

    [SkippableTheory, MemberData(nameof(RuntimeCatalog.All), MemberType = typeof(RuntimeCatalog))]
    public void Exec_with_a_process_file_applies_its_user_env_and_cwd(string runtime)
    {
        using var rt = RuntimeUnderTest.For(runtime);
        var bundle = rt.NewBundle(["sleep", "1000"]);
        var id = rt.NewId();
        rt.Create(bundle, id).EnsureSuccess();
        rt.Start(id).EnsureSuccess();

        var result = rt.ExecProcess(id, new ProcessSpec
        {
            Args = ["sh", "-c", "id -u; id -g; pwd; echo $WHO"],
            Env = ["PATH=/usr/sbin:/usr/bin:/sbin:/bin", "WHO=exec"],
            Cwd = "/home/user",
            User = new UserSpec { Uid = 1000, Gid = 1000 },
        }).EnsureSuccess();
        Assert.Equal("1000\n1000\n/home/user\nexec\n", result.Stdout);
    }
}
