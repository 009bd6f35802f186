namespace XenBundle.Recipes;

/// <summary>A bad recipe or a bad override: exit code 2, the key and where it was written.</summary>
public sealed class RecipeException : XenBundleException
{
    public RecipeException(string location, string message)
        : base(location, message, ExitCode.BadUsage)
    {
    }
}
