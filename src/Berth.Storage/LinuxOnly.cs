using System.Runtime.Versioning;

// Layers are unpacked with Linux semantics (overlayfs whiteouts, device nodes,
// ownership), so this library only runs on Linux.
[assembly: SupportedOSPlatform("linux")]
