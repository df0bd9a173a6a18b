using System.Security.Cryptography;
using Berth.Oci;

namespace Berth.Storage.Blobs;

// Content-addressed blobs under <root>/blobs/sha256/<hex>, the OCI image
// layout's blob tree, so tools that read OCI layouts can read it. A blob is
// written to a temp file, hashed while written, fsynced, and renamed into
// place only when its digest is known (and matches the expected one, if
// given): a reader never sees a partial blob, and a crash leaves only a temp
// file that Repair removes.
public sealed class BlobStore
{
    private const string TempPrefix = ".tmp-";

    public BlobStore(string dataRoot)
    {
        Directory = Path.Combine(dataRoot, "blobs", Digest.Sha256);
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public string PathOf(Digest digest) =>
        digest.Algorithm == Digest.Sha256
            ? Path.Combine(Directory, digest.Hex)
            : throw new ArgumentException($"unsupported digest algorithm {digest.Algorithm}", nameof(digest));

    public bool Exists(Digest digest) => File.Exists(PathOf(digest));

    public long SizeOf(Digest digest) => new FileInfo(PathOf(digest)).Length;

    public Stream Open(Digest digest) => File.OpenRead(PathOf(digest));

    public byte[] ReadAll(Digest digest) => File.ReadAllBytes(PathOf(digest));

    public BlobInfo Put(ReadOnlySpan<byte> content, Digest? expected = null)
    {
        using var stream = new MemoryStream(content.ToArray(), writable: false);
        return Put(stream, expected);
    }

    // Idempotent: storing content that is already there only verifies it.
    public BlobInfo Put(Stream content, Digest? expected = null)
    {
        var temp = Path.Combine(Directory, $"{TempPrefix}{Guid.NewGuid():N}");
        try
        {
            Digest digest;
            long size;
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                var buffer = new byte[81920];
                int n;
                while ((n = content.Read(buffer)) > 0)
                {
                    hash.AppendData(buffer.AsSpan(0, n));
                    file.Write(buffer.AsSpan(0, n));
                }
                file.Flush(flushToDisk: true);
                size = file.Length;
                digest = Digest.FromSha256Hash(hash.GetHashAndReset());
            }
            if (expected is { } want && want != digest)
                throw new BlobDigestMismatchException(want, digest);
            var final = PathOf(digest);
            if (File.Exists(final))
                File.Delete(temp);
            else
                File.Move(temp, final);
            return new BlobInfo(digest, size);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    public void Delete(Digest digest) => File.Delete(PathOf(digest));

    // Every committed blob on disk (temp files excluded).
    public IEnumerable<Digest> List()
    {
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory))
        {
            var name = Path.GetFileName(file);
            if (Digest.TryParse($"{Digest.Sha256}:{name}", out var digest))
                yield return digest;
        }
    }

    // Hashes the stored bytes again; false when they no longer match their name.
    public bool Verify(Digest digest)
    {
        using var file = Open(digest);
        return Digest.Compute(file) == digest;
    }

    // Files in the blob directory that are not committed blobs: temp files of
    // interrupted writes and anything else that does not name a digest.
    public int RemoveStrayFiles()
    {
        var removed = 0;
        foreach (var file in System.IO.Directory.EnumerateFileSystemEntries(Directory))
        {
            var name = Path.GetFileName(file);
            if (Digest.TryParse($"{Digest.Sha256}:{name}", out _) && File.Exists(file))
                continue;
            if (System.IO.Directory.Exists(file))
                System.IO.Directory.Delete(file, recursive: true);
            else
                File.Delete(file);
            removed++;
        }
        return removed;
    }

    public long TotalSize() =>
        System.IO.Directory.EnumerateFiles(Directory).Sum(f => new FileInfo(f).Length);
}

public sealed record BlobInfo(Digest Digest, long Size);

public sealed class BlobDigestMismatchException(Digest expected, Digest actual)
    : IOException($"content digest mismatch: expected {expected}, got {actual}")
{
    public Digest Expected { get; } = expected;
    public Digest Actual { get; } = actual;
}
