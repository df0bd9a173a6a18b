using Berth.Engine.Config;

namespace Berth.Api;

// The daemon's pid file: refuses to start when it names a live process, as dockerd does, so two daemons
// never share one exec root by accident.
public static class PidFile
{
    public static void Create(string path)
    {
        if (File.Exists(path)
            && int.TryParse(File.ReadAllText(path).Trim(), out var pid)
            && pid != Environment.ProcessId
            && Directory.Exists($"/proc/{pid}"))
        {
            throw new DaemonConfigException($"pid file found, ensure berth daemon is not running or delete {path}");
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        File.WriteAllText(temp, Environment.ProcessId + "\n");
        File.Move(temp, path, overwrite: true);
    }

    public static void Remove(string path)
    {
        try
        {
            if (File.ReadAllText(path).Trim() == Environment.ProcessId.ToString()) File.Delete(path);
        }
        catch (IOException) { }
    }
}
