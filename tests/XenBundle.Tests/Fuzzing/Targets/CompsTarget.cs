using XenBundle.Repository;

namespace XenBundle.Tests.Fuzzing.Targets;

/// <summary>
/// The comps reader as the repository stage uses it: parse a medium's comps, merge it
/// (with itself, as two media would), and write the result, which must read back.
/// </summary>
internal sealed class CompsTarget : FuzzTarget
{
    public override string Name => "comps";

    public override IReadOnlyList<byte[]> Dictionary { get; } = Tokens(
        "<group>", "</group>", "<id>", "</id>", "<category>", "<environment>", "<langpacks>", "<packagelist>", "<grouplist>",
        "xml:lang=\"de\"", "<!DOCTYPE comps [<!ENTITY e \"eeeeeeeeee\">]>", "&e;", "<![CDATA[", "]]>", "&#0;", "&#xFFFE;", "<?xml version=\"1.0\" encoding=\"UTF-16\"?>");

    public override void Run(byte[] input)
    {
        var comps = Comps.Parse(input, "fuzz-comps.xml");
        var merger = new CompsMerger();
        merger.Add(comps, "disc1");
        merger.Add(comps, "disc2");
        Comps.Parse(merger.Result().ToBytes(), "merged comps.xml");
    }
}
