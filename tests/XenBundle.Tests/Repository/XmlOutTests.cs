using System.Xml;
using XenBundle.Repository;

namespace XenBundle.Tests.RepositoryMerge;

[Category(TestCategories.Unit)]
public sealed class XmlOutTests
{
    [Test]
    public void Characters_XML_cannot_carry_are_left_out_so_the_file_stays_readable()
    {
        var stream = new MemoryStream();
        using (var xml = new XmlOut(stream))
        {
            xml.Raw(XmlOut.Declaration).Raw("<package").Attribute("name", "a\u0001b\uFFFEc").Raw(">\n");
            xml.TextElement("  ", "summary", "bad \u0007 bell, \uFFFF, fine \u00e9 and \U0001F600 & <tags>");
            xml.Raw("</package>\n");
        }

        stream.Position = 0;
        var document = new XmlDocument();
        document.Load(stream);
        Assert.That(document.DocumentElement!.GetAttribute("name"), Is.EqualTo("abc"));
        Assert.That(document.DocumentElement.InnerText, Is.EqualTo("bad  bell, , fine \u00e9 and \U0001F600 & <tags>"));
    }
}
