using Berth.Oci;
using Berth.Storage.Metadata;

namespace Berth.Storage.Tests.Metadata;

// berth.db: WAL mode, references as rows, rollback on an uncommitted scope.
public class MetadataDbTests
{
    private static readonly Digest Image = Digest.Compute("image"u8);
    private static readonly Digest Layer = Digest.Compute("layer"u8);
    private static readonly Digest Blob = Digest.Compute("blob"u8);

    [Fact]
    public void CreatesAWalDatabaseAndKeepsRowsAcrossReopen()
    {
        using var temp = new TempDir();
        var path = temp.Combine("berth.db");
        using (var db = new MetadataDb(path))
        {
            Assert.Equal("wal", db.JournalMode);
            Insert(db);
        }
        using var reopened = new MetadataDb(path);
        var image = Assert.Single(reopened.ListImages());
        Assert.Equal(Image, image.Id);
        Assert.Equal([Layer], reopened.LayersOf(Image));
        Assert.Equal(Image, reopened.ImageOfTag("docker.io/library/x:latest"));
        Assert.Equal(1, reopened.LayerReferences(Layer));
    }

    [Fact]
    public void UncommittedTransactionRollsBack()
    {
        using var temp = new TempDir();
        using var db = new MetadataDb(temp.Combine("berth.db"));
        using (db.BeginTransaction())
            db.PutBlob(new BlobRecord(Blob, 4, "x"));
        Assert.Empty(db.ListBlobs());
    }

    [Fact]
    public void DeletingTheImageLeavesItsContentUnreferenced()
    {
        using var temp = new TempDir();
        using var db = new MetadataDb(temp.Combine("berth.db"));
        Insert(db);
        Assert.Empty(db.UnreferencedLayers());
        Assert.Empty(db.UnreferencedBlobs());

        using (db.BeginTransaction())
        {
            db.DeleteImage(Image);
            db.Commit();
        }
        Assert.Equal([Layer], db.UnreferencedLayers());
        Assert.Equal([Blob], db.UnreferencedBlobs());
        Assert.Null(db.ImageOfTag("docker.io/library/x:latest"));
    }

    private static void Insert(MetadataDb db)
    {
        using (db.BeginTransaction())
        {
            db.PutBlob(new BlobRecord(Blob, 4, "application/vnd.oci.image.config.v1+json"));
            db.PutLayer(new LayerRecord(Layer, Layer, null, 10));
            db.PutImage(new ImageRecord(Image, Blob, null, DateTimeOffset.UnixEpoch, 10, null));
            db.SetImageLayers(Image, [Layer]);
            db.AddImageBlob(Image, Blob);
            db.SetTag("docker.io/library/x:latest", Image);
            db.Commit();
        }
    }
}
