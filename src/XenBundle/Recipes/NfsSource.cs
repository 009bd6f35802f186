namespace XenBundle.Recipes;

/// <summary>
/// The install tree as NFS clients name it, <c>DOM0:EXPORT</c>: the one spelling that the
/// kickstart's install line and mounts, the added repository's URL, virt-install's
/// <c>--location</c> and the boot arguments all use.
/// </summary>
/// <param name="Server">The Dom0, the NFS server.</param>
/// <param name="Export">The exported directory on it.</param>
public readonly record struct NfsSource(Ipv4 Server, string Export)
{
    /// <summary><c>DOM0:EXPORT/PATH</c>: a file or directory of the tree, as mount and nfs: take it.</summary>
    public string Below(string path) => $"{this}/{path}";

    /// <summary>
    /// <c>nfs://DOM0:EXPORT/PATH</c>, the URL form anaconda's payloads mount for an added
    /// repository: what follows <c>nfs://</c> up to the first colon is the server.
    /// </summary>
    public string Url(string path) => $"nfs://{this}/{path}";

    /// <summary><c>DOM0:EXPORT</c>.</summary>
    public override string ToString() => $"{Server}:{Export}";
}
