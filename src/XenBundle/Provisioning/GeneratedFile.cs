namespace XenBundle.Provisioning;

/// <summary>One file the bundle gets beside install/: its bundle path, its text and its mode.</summary>
public sealed record GeneratedFile(string Path, string Text, int Mode);
