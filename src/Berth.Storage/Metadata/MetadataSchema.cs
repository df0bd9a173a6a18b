namespace Berth.Storage.Metadata;

// The image tables of berth.db. References are rows, so a layer or blob is in
// use exactly while some image_layers/image_blobs row names it: garbage
// collection is a query, and a crash between dropping the rows and deleting
// the files leaves files that the next Repair finds unreferenced.
internal static class MetadataSchema
{
    public const int Version = 1;

    public const string Create = """
        CREATE TABLE IF NOT EXISTS images (
            id TEXT PRIMARY KEY,
            config_digest TEXT NOT NULL,
            manifest_digest TEXT,
            created TEXT,
            size INTEGER NOT NULL,
            last_tag_time TEXT
        );
        CREATE TABLE IF NOT EXISTS tags (
            name TEXT PRIMARY KEY,
            image_id TEXT NOT NULL REFERENCES images(id)
        );
        CREATE INDEX IF NOT EXISTS tags_image ON tags(image_id);
        CREATE TABLE IF NOT EXISTS repo_digests (
            name TEXT PRIMARY KEY,
            image_id TEXT NOT NULL REFERENCES images(id)
        );
        CREATE INDEX IF NOT EXISTS repo_digests_image ON repo_digests(image_id);
        CREATE TABLE IF NOT EXISTS layers (
            chain_id TEXT PRIMARY KEY,
            diff_id TEXT NOT NULL,
            parent TEXT,
            size INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS image_layers (
            image_id TEXT NOT NULL REFERENCES images(id),
            position INTEGER NOT NULL,
            chain_id TEXT NOT NULL REFERENCES layers(chain_id),
            PRIMARY KEY (image_id, position)
        );
        CREATE INDEX IF NOT EXISTS image_layers_chain ON image_layers(chain_id);
        CREATE TABLE IF NOT EXISTS blobs (
            digest TEXT PRIMARY KEY,
            size INTEGER NOT NULL,
            media_type TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS image_blobs (
            image_id TEXT NOT NULL REFERENCES images(id),
            digest TEXT NOT NULL REFERENCES blobs(digest),
            PRIMARY KEY (image_id, digest)
        );
        CREATE INDEX IF NOT EXISTS image_blobs_digest ON image_blobs(digest);
        """;
}
