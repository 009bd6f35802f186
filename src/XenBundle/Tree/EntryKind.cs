namespace XenBundle.Tree;

/// <summary>The kinds of entry an install tree, a medium or a bundle holds.</summary>
public enum EntryKind
{
    File,
    Directory,
    Symlink,
}
