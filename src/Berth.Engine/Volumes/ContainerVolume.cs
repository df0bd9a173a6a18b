namespace Berth.Engine.Volumes;

// One volume a container mounts, decided at create and kept in its record, so every start mounts the same volumes
// (an anonymous one keeps its random name). Key is what SpecPaths.VolumeSources is looked up by: the volume's name
// for a named volume, its destination for an anonymous one.
public sealed class ContainerVolume
{
    public string Name { get; set; } = "";
    public string Key { get; set; } = "";
    public string Destination { get; set; } = "";
    public bool Anonymous { get; set; }
    public bool ReadWrite { get; set; } = true;
    // As inspect shows it: the -v mode text ("z" when none was given), "" for --mount and image volumes.
    public string Mode { get; set; } = "";
    // Fill a new, empty volume with the image's content at Destination (not for nocopy / VolumeOptions.NoCopy).
    public bool CopyData { get; set; } = true;
    // For a named volume --mount creates on demand: its labels and local driver options.
    public Dictionary<string, string>? Labels { get; set; }
    public Dictionary<string, string>? DriverOptions { get; set; }
    public string? Driver { get; set; }
}
