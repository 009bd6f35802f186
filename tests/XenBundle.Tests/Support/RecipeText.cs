namespace XenBundle.Tests.Support;

/// <summary>Recipe files for tests: the demo's text with edits, written next to copies of its media.</summary>
internal static class RecipeText
{
    /// <summary>The demo's media directory.</summary>
    public static string DemoMedia => Path.Combine(Repository.Demo, "media");

    /// <summary>A valid recipe whose media are the demo's, or copies of them in <paramref name="media"/> (absolute paths).</summary>
    public static string Valid(string? media = null)
    {
        media ??= DemoMedia;
        return $"""
            name: web
            version: 1.4.0
            os: el5
            virt: xen-pv
            media:
              - {media}/CentOS-5.11-i386-disc1
              - {media}/CentOS-5.11-i386-disc2
            kickstart:
              media: {media}/acme-ks-cd
              file: ks.cfg
            dom0:
              address: 192.168.50.1
            domu:
              name: web01
              network:
                address: 192.168.50.20
                netmask: 255.255.255.0
                gateway: 192.168.50.1
                nameservers: [192.168.50.2]
            """;
    }

    /// <summary>Copies the demo's media to TEMP/media, to be changed or damaged; returns that directory.</summary>
    public static string CopyDemoMedia(TempDirectory temp)
    {
        ArgumentNullException.ThrowIfNull(temp);
        Tool.Run("cp", "-a", DemoMedia + "/.", temp["media"] + "/").EnsureSuccess("cp");
        return temp["media"];
    }

    /// <summary>Writes <paramref name="text"/> as recipe.yaml in a new directory of <paramref name="temp"/>.</summary>
    public static string Write(TempDirectory temp, string text, string directory = "recipe")
    {
        temp.Write(Path.Combine(directory, "recipe.yaml"), text);
        return temp[directory];
    }
}
