namespace Berth.Engine.Containers.Spec;

// HostConfig.SecurityOpt: "no-new-privileges[:true|=true]", "seccomp=unconfined|<profile JSON>",
// "apparmor=unconfined", "label=disable", "systempaths=unconfined", "writable-cgroups=true".
public sealed record SecurityOptions(bool NoNewPrivileges, bool SeccompUnconfined, string? SeccompProfileJson, bool SystemPathsUnconfined, bool WritableCgroups)
{
    public static SecurityOptions Parse(IEnumerable<string>? options)
    {
        bool nnp = false, unconfined = false, systemPaths = false, writableCgroups = false;
        string? profile = null;
        foreach (var opt in options ?? [])
        {
            if (opt == "no-new-privileges") { nnp = true; continue; }
            // Docker accepts both '=' and the older ':' separator.
            var sep = opt.IndexOfAny(['=', ':']);
            if (sep < 0) throw new ContainerSpecException($"invalid --security-opt 1: \"{opt}\"");
            var key = opt[..sep];
            var value = opt[(sep + 1)..];
            switch (key)
            {
                case "no-new-privileges":
                    nnp = ParseBool(opt, value);
                    break;
                case "seccomp":
                    if (value == "unconfined") { unconfined = true; profile = null; }
                    else { unconfined = false; profile = value; }
                    break;
                case "systempaths":
                    if (value != "unconfined") throw new ContainerSpecException($"invalid --security-opt 2: \"{opt}\"");
                    systemPaths = true;
                    break;
                case "writable-cgroups":
                    writableCgroups = ParseBool(opt, value);
                    break;
                case "apparmor":
                    if (value != "unconfined") throw new ContainerSpecException("apparmor profiles are not supported yet");
                    break;
                case "label":
                    if (value != "disable") throw new ContainerSpecException("SELinux labels are not supported yet");
                    break;
                default:
                    throw new ContainerSpecException($"invalid --security-opt 2: \"{opt}\"");
            }
        }
        return new SecurityOptions(nnp, unconfined, profile, systemPaths, writableCgroups);
    }

    private static bool ParseBool(string opt, string value) => value switch
    {
        "true" or "1" or "t" or "T" or "TRUE" or "True" => true,
        "false" or "0" or "f" or "F" or "FALSE" or "False" => false,
        _ => throw new ContainerSpecException($"invalid --security-opt 2: \"{opt}\""),
    };
}
