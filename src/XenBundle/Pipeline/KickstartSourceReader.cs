using XenBundle.Recipes;

namespace XenBundle.Pipeline;

/// <summary>Reads the source kickstart: from the kickstart CD when the recipe names one, else from disk.</summary>
public static class KickstartSourceReader
{
    public static byte[] Read(Recipe recipe, MediaSet media)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(media);
        if (media.KickstartMedium is { } medium)
        {
            var entry = medium.Find(recipe.Kickstart.File)
                ?? throw new XenBundleException(medium.Name, $"kickstart.file '{recipe.Kickstart.File}' is not on the kickstart medium");
            if (entry.Kind != Tree.EntryKind.File)
            {
                throw new XenBundleException($"{medium.Name}:/{entry.Path}", "kickstart.file is not a regular file");
            }

            using var stream = medium.OpenRead(entry);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }

        return File.ReadAllBytes(recipe.Kickstart.File);
    }
}
