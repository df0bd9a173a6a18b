namespace Berth.Runtime.Logs;

// What `docker logs` asks for. Tail applies to the lines already written when reading starts (all streams
// counted, as Docker does); Since and Until compare with each line's time; Follow keeps reading new lines until
// the token is cancelled or ContainerExited completes.
public sealed record LogReadOptions
{
    public bool Stdout { get; init; } = true;
    public bool Stderr { get; init; } = true;
    public int? Tail { get; init; }
    public DateTime? Since { get; init; }
    public DateTime? Until { get; init; }
    public bool Follow { get; init; }
    public Task? ContainerExited { get; init; }
}
