using System.Globalization;
using Berth.Oci;
using Microsoft.Data.Sqlite;

namespace Berth.Storage.Metadata;

// berth.db: SQLite in WAL mode, one connection per store. Callers serialise
// access (the image store holds one lock around every operation), so the
// connection and the current transaction are plain fields.
public sealed class MetadataDb : IDisposable
{
    private readonly SqliteConnection _connection;
    private SqliteTransaction? _transaction;

    public MetadataDb(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        _connection.Open();
        Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;");
        Execute(MetadataSchema.Create);
        Execute($"PRAGMA user_version={MetadataSchema.Version};");
    }

    public string JournalMode => (string)Scalar("PRAGMA journal_mode;")!;

    public IDisposable BeginTransaction()
    {
        if (_transaction is not null)
            throw new InvalidOperationException("a metadata transaction is already open");
        _transaction = _connection.BeginTransaction();
        return new TransactionScope(this);
    }

    public void Commit()
    {
        var tx = _transaction ?? throw new InvalidOperationException("no metadata transaction is open");
        tx.Commit();
        tx.Dispose();
        _transaction = null;
    }

    // Disposing an uncommitted scope rolls it back.
    private sealed class TransactionScope(MetadataDb db) : IDisposable
    {
        public void Dispose()
        {
            if (db._transaction is { } tx)
            {
                tx.Rollback();
                tx.Dispose();
                db._transaction = null;
            }
        }
    }

    // Images

    public void PutImage(ImageRecord image) => Execute(
        """
        INSERT INTO images(id, config_digest, manifest_digest, created, size, last_tag_time)
        VALUES ($id, $config, $manifest, $created, $size, $tagged)
        ON CONFLICT(id) DO UPDATE SET config_digest=excluded.config_digest,
            manifest_digest=COALESCE(excluded.manifest_digest, images.manifest_digest),
            created=excluded.created, size=excluded.size
        """,
        ("$id", image.Id.ToString()), ("$config", image.ConfigDigest.ToString()),
        ("$manifest", image.ManifestDigest?.ToString()), ("$created", Format(image.Created)),
        ("$size", image.Size), ("$tagged", Format(image.LastTagTime)));

    public ImageRecord? GetImage(Digest id) =>
        QueryImages("SELECT id, config_digest, manifest_digest, created, size, last_tag_time FROM images WHERE id=$id",
            ("$id", id.ToString())).FirstOrDefault();

    public IReadOnlyList<ImageRecord> ListImages() =>
        QueryImages("SELECT id, config_digest, manifest_digest, created, size, last_tag_time FROM images ORDER BY created DESC, id");

    public void SetLastTagTime(Digest id, DateTimeOffset time) =>
        Execute("UPDATE images SET last_tag_time=$t WHERE id=$id", ("$t", Format(time)), ("$id", id.ToString()));

    // Drops the image and every row that references it or hangs off it.
    public void DeleteImage(Digest id)
    {
        var p = ("$id", (object?)id.ToString());
        Execute("DELETE FROM tags WHERE image_id=$id", p);
        Execute("DELETE FROM repo_digests WHERE image_id=$id", p);
        Execute("DELETE FROM image_layers WHERE image_id=$id", p);
        Execute("DELETE FROM image_blobs WHERE image_id=$id", p);
        Execute("DELETE FROM images WHERE id=$id", p);
    }

    // Tags and repo digests, by their normalized full names.

    public void SetTag(string name, Digest imageId) => Execute(
        "INSERT INTO tags(name, image_id) VALUES ($n, $id) ON CONFLICT(name) DO UPDATE SET image_id=excluded.image_id",
        ("$n", name), ("$id", imageId.ToString()));

    public bool RemoveTag(string name) => Execute("DELETE FROM tags WHERE name=$n", ("$n", name)) > 0;

    public Digest? ImageOfTag(string name) =>
        Scalar("SELECT image_id FROM tags WHERE name=$n", ("$n", name)) is string id ? Digest.Parse(id) : null;

    public IReadOnlyList<string> TagsOf(Digest imageId) =>
        Strings("SELECT name FROM tags WHERE image_id=$id ORDER BY name", ("$id", imageId.ToString()));

    public void SetRepoDigest(string name, Digest imageId) => Execute(
        "INSERT INTO repo_digests(name, image_id) VALUES ($n, $id) ON CONFLICT(name) DO UPDATE SET image_id=excluded.image_id",
        ("$n", name), ("$id", imageId.ToString()));

    public bool RemoveRepoDigest(string name) => Execute("DELETE FROM repo_digests WHERE name=$n", ("$n", name)) > 0;

    public Digest? ImageOfRepoDigest(string name) =>
        Scalar("SELECT image_id FROM repo_digests WHERE name=$n", ("$n", name)) is string id ? Digest.Parse(id) : null;

    public IReadOnlyList<string> RepoDigestsOf(Digest imageId) =>
        Strings("SELECT name FROM repo_digests WHERE image_id=$id ORDER BY name", ("$id", imageId.ToString()));

    // Layers and their references (every chain prefix of an image is referenced,
    // since each one's diff/ is a lower dir of the image's rootfs).

    public void PutLayer(LayerRecord layer) => Execute(
        "INSERT OR IGNORE INTO layers(chain_id, diff_id, parent, size) VALUES ($c, $d, $p, $s)",
        ("$c", layer.ChainId.ToString()), ("$d", layer.DiffId.ToString()), ("$p", layer.Parent?.ToString()), ("$s", layer.Size));

    public void SetImageLayers(Digest imageId, IReadOnlyList<Digest> chainIds)
    {
        Execute("DELETE FROM image_layers WHERE image_id=$id", ("$id", imageId.ToString()));
        for (var i = 0; i < chainIds.Count; i++)
            Execute("INSERT INTO image_layers(image_id, position, chain_id) VALUES ($id, $pos, $c)",
                ("$id", imageId.ToString()), ("$pos", i), ("$c", chainIds[i].ToString()));
    }

    public IReadOnlyList<Digest> LayersOf(Digest imageId) =>
        Strings("SELECT chain_id FROM image_layers WHERE image_id=$id ORDER BY position", ("$id", imageId.ToString()))
            .Select(Digest.Parse).ToList();

    public IReadOnlyList<LayerRecord> ListLayers() => Query(
        "SELECT chain_id, diff_id, parent, size FROM layers", [],
        r => new LayerRecord(Digest.Parse(r.GetString(0)), Digest.Parse(r.GetString(1)),
            r.IsDBNull(2) ? null : Digest.Parse(r.GetString(2)), r.GetInt64(3)));

    public LayerRecord? GetLayer(Digest chainId) => ListLayers().FirstOrDefault(l => l.ChainId == chainId);

    public int LayerReferences(Digest chainId) =>
        Convert.ToInt32(Scalar("SELECT count(*) FROM image_layers WHERE chain_id=$c", ("$c", chainId.ToString())), CultureInfo.InvariantCulture);

    public IReadOnlyList<Digest> UnreferencedLayers() =>
        Strings("SELECT chain_id FROM layers WHERE chain_id NOT IN (SELECT chain_id FROM image_layers)").Select(Digest.Parse).ToList();

    public void DeleteLayer(Digest chainId) => Execute("DELETE FROM layers WHERE chain_id=$c", ("$c", chainId.ToString()));

    // Blobs and their references.

    public void PutBlob(BlobRecord blob) => Execute(
        "INSERT OR IGNORE INTO blobs(digest, size, media_type) VALUES ($d, $s, $m)",
        ("$d", blob.Digest.ToString()), ("$s", blob.Size), ("$m", blob.MediaType));

    public void AddImageBlob(Digest imageId, Digest blob) => Execute(
        "INSERT OR IGNORE INTO image_blobs(image_id, digest) VALUES ($id, $d)", ("$id", imageId.ToString()), ("$d", blob.ToString()));

    public IReadOnlyList<BlobRecord> ListBlobs() => Query(
        "SELECT digest, size, media_type FROM blobs", [],
        r => new BlobRecord(Digest.Parse(r.GetString(0)), r.GetInt64(1), r.GetString(2)));

    public IReadOnlyList<Digest> BlobsOf(Digest imageId) =>
        Strings("SELECT digest FROM image_blobs WHERE image_id=$id", ("$id", imageId.ToString())).Select(Digest.Parse).ToList();

    public IReadOnlyList<Digest> ImagesUsingBlob(Digest blob) =>
        Strings("SELECT image_id FROM image_blobs WHERE digest=$d", ("$d", blob.ToString())).Select(Digest.Parse).ToList();

    public IReadOnlyList<Digest> UnreferencedBlobs() =>
        Strings("SELECT digest FROM blobs WHERE digest NOT IN (SELECT digest FROM image_blobs)").Select(Digest.Parse).ToList();

    // Drops a blob and every image's reference to it (repair of lost content).
    public void ForgetBlob(Digest digest)
    {
        Execute("DELETE FROM image_blobs WHERE digest=$d", ("$d", digest.ToString()));
        DeleteBlob(digest);
    }

    public void DeleteBlob(Digest digest) => Execute("DELETE FROM blobs WHERE digest=$d", ("$d", digest.ToString()));

    public void Dispose()
    {
        _transaction?.Dispose();
        _connection.Dispose();
    }

    // Plumbing

    private IReadOnlyList<ImageRecord> QueryImages(string sql, params (string, object?)[] parameters) => Query(sql, parameters,
        r => new ImageRecord(
            Digest.Parse(r.GetString(0)),
            Digest.Parse(r.GetString(1)),
            r.IsDBNull(2) ? null : Digest.Parse(r.GetString(2)),
            r.IsDBNull(3) ? null : Parse(r.GetString(3)),
            r.GetInt64(4),
            r.IsDBNull(5) ? null : Parse(r.GetString(5))));

    private static string? Format(DateTimeOffset? time) => time?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private SqliteCommand Command(string sql, (string, object?)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = _transaction;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    private int Execute(string sql, params (string, object?)[] parameters)
    {
        using var command = Command(sql, parameters);
        return command.ExecuteNonQuery();
    }

    private object? Scalar(string sql, params (string, object?)[] parameters)
    {
        using var command = Command(sql, parameters);
        return command.ExecuteScalar();
    }

    private IReadOnlyList<string> Strings(string sql, params (string, object?)[] parameters) =>
        Query(sql, parameters, r => r.GetString(0));

    private List<T> Query<T>(string sql, (string, object?)[] parameters, Func<SqliteDataReader, T> read)
    {
        using var command = Command(sql, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
            rows.Add(read(reader));
        return rows;
    }
}
