using System.Globalization;
using Berth.Api.Models.Containers;

namespace Berth.Cli.Support;

// --mount's CSV form: type=bind|volume|tmpfs, source, target, readonly, bind-propagation, volume-*, tmpfs-*.
public static class MountSpec
{
    public static Mount Parse(string value)
    {
        var mount = new Mount { Type = "volume" };
        var fields = value.Split(',');
        foreach (var field in fields)
        {
            var eq = field.IndexOf('=');
            var key = (eq < 0 ? field : field[..eq]).ToLowerInvariant();
            var v = eq < 0 ? null : field[(eq + 1)..];
            switch (key)
            {
                case "type": mount.Type = v; break;
                case "source" or "src": mount.Source = v; break;
                case "target" or "dst" or "destination": mount.Target = v; break;
                case "readonly" or "ro":
                    mount.ReadOnly = v is null || Bool(value, field, v);
                    break;
                case "consistency": mount.Consistency = v; break;
                case "bind-propagation": (mount.BindOptions ??= new()).Propagation = v; break;
                case "bind-nonrecursive": (mount.BindOptions ??= new()).NonRecursive = v is null || Bool(value, field, v); break;
                case "bind-create-mountpoint": (mount.BindOptions ??= new()).CreateMountpoint = v is null || Bool(value, field, v); break;
                case "volume-nocopy": (mount.VolumeOptions ??= new()).NoCopy = v is null || Bool(value, field, v); break;
                case "volume-subpath": (mount.VolumeOptions ??= new()).Subpath = v; break;
                case "volume-driver": ((mount.VolumeOptions ??= new()).DriverConfig ??= new()).Name = v; break;
                case "volume-label": Put((mount.VolumeOptions ??= new()).Labels ??= [], v ?? ""); break;
                case "volume-opt": Put(((mount.VolumeOptions ??= new()).DriverConfig ??= new()).Options ??= [], v ?? ""); break;
                case "tmpfs-size":
                    try { (mount.TmpfsOptions ??= new()).SizeBytes = ValueParsers.RamInBytes(v ?? ""); }
                    catch (FormatException e) { throw Invalid(value, e.Message); }
                    break;
                case "tmpfs-mode":
                    if (!uint.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out _) || v!.Any(c => c > '7'))
                        throw Invalid(value, $"invalid value for {key}: {v}");
                    (mount.TmpfsOptions ??= new()).Mode = Convert.ToUInt32(v, 8);
                    break;
                default:
                    throw Invalid(value, $"unexpected key '{key}' in '{field}'");
            }
        }
        if (string.IsNullOrEmpty(mount.Target)) throw Invalid(value, "target is required");
        return mount;
    }

    private static bool Bool(string value, string field, string v) => v.ToLowerInvariant() switch
    {
        "1" or "true" => true,
        "0" or "false" => false,
        _ => throw Invalid(value, $"invalid value for '{field}'"),
    };

    private static void Put(Dictionary<string, string> map, string kv)
    {
        var eq = kv.IndexOf('=');
        map[eq < 0 ? kv : kv[..eq]] = eq < 0 ? "" : kv[(eq + 1)..];
    }

    private static UsageException Invalid(string value, string why) => new($"invalid argument \"{value}\" for \"--mount\" flag: {why}");
}
