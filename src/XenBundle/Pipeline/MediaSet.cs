using XenBundle.Media;
using XenBundle.Recipes;

namespace XenBundle.Pipeline;

/// <summary>The opened media of a recipe: the distribution discs in order, then the kickstart CD.</summary>
public sealed class MediaSet : IDisposable
{
    private MediaSet(IReadOnlyList<IMediaSource> discs, IMediaSource? kickstartMedium)
    {
        Discs = discs;
        KickstartMedium = kickstartMedium;
    }

    public IReadOnlyList<IMediaSource> Discs { get; }

    public IMediaSource? KickstartMedium { get; }

    public IEnumerable<IMediaSource> All => KickstartMedium is null ? Discs : Discs.Append(KickstartMedium);

    public static MediaSet Open(Recipe recipe, Func<string, IMediaSource>? opener = null)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        opener ??= MediaOpener.Open;
        var opened = new List<IMediaSource>();
        try
        {
            foreach (var medium in recipe.Media)
            {
                opened.Add(opener(medium));
            }

            var kickstart = recipe.Kickstart.Media is { } ks ? opener(ks) : null;
            return new MediaSet(opened, kickstart);
        }
        catch
        {
            opened.ForEach(m => m.Dispose());
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var medium in All)
        {
            medium.Dispose();
        }
    }
}
