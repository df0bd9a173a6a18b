using Berth.Oci;
using Berth.Storage.Blobs;

namespace Berth.Storage.Tests.Blobs;

// Blobs land whole under their digest, or not at all.
public class BlobStoreTests
{
    [Fact]
    public void PutStoresUnderTheDigestAndIsIdempotent()
    {
        using var temp = new TempDir();
        var store = new BlobStore(temp.Path);
        var content = "hello blob"u8.ToArray();

        var first = store.Put(new MemoryStream(content));
        var second = store.Put(content, Digest.Compute(content));

        Assert.Equal(Digest.Compute(content), first.Digest);
        Assert.Equal(first, second);
        Assert.Equal(content.Length, first.Size);
        Assert.Equal(content, File.ReadAllBytes(temp.Combine("blobs", "sha256", first.Digest.Hex)));
        Assert.Equal([first.Digest], store.List());
        Assert.True(store.Verify(first.Digest));
    }

    [Fact]
    public void DigestMismatchCommitsNothing()
    {
        using var temp = new TempDir();
        var store = new BlobStore(temp.Path);
        var wrong = Digest.Compute("other"u8);

        var e = Assert.Throws<BlobDigestMismatchException>(() => store.Put("content"u8, wrong));

        Assert.Equal(wrong, e.Expected);
        Assert.Empty(Directory.GetFileSystemEntries(store.Directory));
    }

    [Fact]
    public void FailingSourceLeavesNoTempFile()
    {
        using var temp = new TempDir();
        var store = new BlobStore(temp.Path);
        Assert.Throws<IOException>(() => store.Put(new FailingStream()));
        Assert.Empty(Directory.GetFileSystemEntries(store.Directory));
    }

    [Fact]
    public void VerifyNoticesAFlippedByteAndStrayFilesAreRemoved()
    {
        using var temp = new TempDir();
        var store = new BlobStore(temp.Path);
        var blob = store.Put("some content"u8);
        var path = store.PathOf(blob.Digest);
        var bytes = File.ReadAllBytes(path);
        bytes[0] ^= 1;
        File.WriteAllBytes(path, bytes);
        File.WriteAllText(Path.Combine(store.Directory, ".tmp-crashed"), "half");

        Assert.False(store.Verify(blob.Digest));
        Assert.Equal(1, store.RemoveStrayFiles());
        Assert.Equal([blob.Digest], store.List());
    }

    private sealed class FailingStream : Stream
    {
        private int _reads;

        public override int Read(byte[] buffer, int offset, int count) =>
            _reads++ == 0 ? (buffer[offset] = 1) : throw new IOException("source died");

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
