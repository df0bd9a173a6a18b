using Berth.Api.Models.Containers;
using ImageDefaults = Berth.Oci.Image.ContainerConfig;

namespace Berth.Engine.Containers.Spec;

// The command line and working directory a container runs, from its config and its image's defaults.
public static class ProcessArgs
{
    public static List<string> Resolve(ContainerConfig config, ImageDefaults? image)
    {
        // An entrypoint given in the request replaces the image's entrypoint and its Cmd too;
        // `--entrypoint ""` arrives as [""] and clears the image's entrypoint.
        List<string> entrypoint, cmd;
        if (config.Entrypoint is { Count: > 0 } ep && !(ep.Count == 1 && ep[0] == ""))
        {
            entrypoint = ep;
            cmd = config.Cmd ?? [];
        }
        else
        {
            var cleared = config.Entrypoint is not null;
            entrypoint = cleared ? [] : image?.Entrypoint ?? [];
            cmd = config.Cmd is { Count: > 0 } c ? c : image?.Cmd ?? [];
        }
        var args = entrypoint.Concat(cmd).ToList();
        if (args.Count == 0 || args[0] == "")
            throw new ContainerSpecException("No command specified");
        return args;
    }

    public static string WorkingDir(ContainerConfig config, ImageDefaults? image)
    {
        var dir = string.IsNullOrEmpty(config.WorkingDir) ? image?.WorkingDir : config.WorkingDir;
        if (string.IsNullOrEmpty(dir)) return "/";
        if (!dir.StartsWith('/'))
            throw new ContainerSpecException($"the working directory '{dir}' is invalid, it needs to be an absolute path");
        return dir;
    }
}
