using System.Security.Cryptography;

namespace Berth.Engine.Containers;

// Random container names in Docker's style, adjective_surname, from Berth's own lists: sailors, navigators,
// shipwrights and oceanographers, for an engine named after a mooring.
public static class NameGenerator
{
    private static readonly string[] Adjectives =
    [
        "agile", "amber", "ample", "arctic", "brave", "breezy", "bright", "brisk", "calm", "candid", "clever", "coastal",
        "cosmic", "crisp", "daring", "deep", "eager", "earnest", "fearless", "fleet", "fond", "gentle", "glad", "golden",
        "graceful", "hardy", "hearty", "honest", "humble", "jolly", "keen", "kind", "lively", "loyal", "lucid", "merry",
        "mighty", "modest", "nimble", "noble", "patient", "placid", "proud", "quick", "quiet", "rapid", "ready", "serene",
        "sharp", "silent", "sleek", "snug", "spry", "steady", "stoic", "sturdy", "sunny", "swift", "tidal", "tranquil",
        "trusty", "vivid", "wary", "wise", "witty", "zealous",
    ];

    private static readonly string[] Surnames =
    [
        "ballard", "barents", "bering", "bligh", "bougainville", "bowditch", "cabot", "carson", "cartier", "cook",
        "cousteau", "dampier", "drake", "earle", "ekman", "flinders", "franklin", "gama", "hudson", "humboldt", "jansz",
        "magellan", "maury", "mercator", "nansen", "piccard", "polo", "raleigh", "ross", "scoresby", "shackleton",
        "slocum", "sverdrup", "tasman", "tharp", "vancouver", "vespucci", "weddell", "zheng",
    ];

    public static string Next(int attempt = 0)
    {
        var name = $"{Adjectives[RandomNumberGenerator.GetInt32(Adjectives.Length)]}_{Surnames[RandomNumberGenerator.GetInt32(Surnames.Length)]}";
        // After a collision, Docker appends a digit; so does Berth.
        return attempt > 0 ? name + RandomNumberGenerator.GetInt32(10) : name;
    }
}
