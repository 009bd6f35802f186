namespace XenBundle.Media.Iso;

/// <summary>
/// A broken or hostile ISO image: the message says what is wrong, the location names
/// the image and the byte offset where it was found (<c>disc1.iso: offset 59004</c>).
/// </summary>
public sealed class IsoFormatException : XenBundleException
{
    public IsoFormatException(string image, long offset, string message)
        : base($"{image}: offset {offset}", message)
    {
        Image = image;
        Offset = offset;
    }

    /// <summary>The image's file name.</summary>
    public string Image { get; }

    /// <summary>The byte offset in the image where the problem is.</summary>
    public long Offset { get; }
}
