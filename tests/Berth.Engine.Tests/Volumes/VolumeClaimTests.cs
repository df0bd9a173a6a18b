using Berth.Engine.Events;
using Berth.Engine.Volumes;

namespace Berth.Engine.Tests.Volumes;

// A container being created claims its volumes before its record refers to them: neither prune nor rm may take them
// in between.
public sealed class VolumeClaimTests
{
    [Fact]
    public void A_claimed_volume_survives_prune_and_rm_until_the_claim_ends()
    {
        var root = Directory.CreateTempSubdirectory("berth-volclaim-").FullName;
        try
        {
            var volumes = new VolumeService(root, new EventBus(TimeProvider.System), _ => { });
            var name = volumes.CreateRecord(null, null, null, null).Name;
            var prune = VolumeFilter.ForPrune(new Dictionary<string, IReadOnlyList<string>>());

            using (volumes.Claim([name]))
            using (volumes.Claim([name]))
            {
                Assert.Empty(volumes.Prune(prune).VolumesDeleted ?? []);
                Assert.Equal(409, Assert.Throws<VolumeException>(() => volumes.Remove(name, force: true)).Status);
            }

            Assert.Equal([name], volumes.Prune(prune).VolumesDeleted);
            Assert.False(volumes.Exists(name));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
