using System.Xml.Linq;

namespace XenBundle.Repository;

/// <summary>
/// Merges the comps of several media the way yum reads several repositories' comps:
/// groups, categories and environments by id, their package and group lists unioned, and
/// names, descriptions (per language) and flags taken from the first medium that has
/// them. mergerepo_c does not do this (createrepo_c#301), so it is done here.
/// </summary>
public sealed class CompsMerger
{
    /// <summary>Top-level elements merged by their id, in the order they are written.</summary>
    private static readonly string[] KeyedKinds = ["group", "category", "environment"];

    /// <summary>List elements whose entries are unioned (packagelist in groups, grouplist and optionlist elsewhere).</summary>
    private static readonly string[] ListElements = ["packagelist", "grouplist", "optionlist"];

    private readonly Dictionary<(string Kind, string Id), XElement> _keyed = [];
    private readonly List<XElement> _order = [];
    private readonly HashSet<string> _others = new(StringComparer.Ordinal); // the other top-level elements, as text: kept once each
    private XElement? _langpacks;
    private readonly List<string> _sources = [];

    /// <summary>The media that contributed, in order.</summary>
    public IReadOnlyList<string> Sources => _sources;

    public bool IsEmpty => _order.Count == 0;

    public void Add(Comps comps, string source)
    {
        ArgumentNullException.ThrowIfNull(comps);
        _sources.Add(source);
        foreach (var element in comps.Root.Elements())
        {
            var kind = element.Name.LocalName;
            if (KeyedKinds.Contains(kind) && Comps.IdOf(element) is { Length: > 0 } id)
            {
                if (_keyed.TryGetValue((kind, id), out var existing))
                {
                    MergeInto(existing, element);
                }
                else
                {
                    var copy = new XElement(element);
                    _keyed[(kind, id)] = copy;
                    _order.Add(copy);
                }
            }
            else if (kind == "langpacks" && _langpacks is not null)
            {
                UnionChildren(_langpacks, element, e => (string?)e.Attribute("name") ?? e.ToString());
            }
            else if (_others.Add(element.ToString(SaveOptions.DisableFormatting)))
            {
                // Looked up by text, not compared with each kept one: many elements would take quadratic time.
                var copy = new XElement(element);
                _langpacks ??= kind == "langpacks" ? copy : null;
                _order.Add(copy);
            }
        }
    }

    /// <summary>The merged comps: groups, then categories, then environments, then the rest, each in first-seen order.</summary>
    public Comps Result()
    {
        int Rank(XElement e) => Array.IndexOf(KeyedKinds, e.Name.LocalName) is var i and >= 0 ? i : KeyedKinds.Length;
        return new Comps(new XElement("comps", _order.OrderBy(Rank).Select(e => new XElement(e))));
    }

    private static void MergeInto(XElement existing, XElement incoming)
    {
        string Key(XElement e) => e.Name + "\0" + (string?)e.Attribute(XNamespace.Xml + "lang");
        // Sets and maps, not a scan of the group per child: a group of many names would take quadratic time.
        var languages = new HashSet<string>(existing.Elements().Select(Key), StringComparer.Ordinal);
        var lastOfName = new Dictionary<XName, XElement>();
        foreach (var element in existing.Elements())
        {
            lastOfName[element.Name] = element;
        }

        foreach (var child in incoming.Elements())
        {
            var name = child.Name.LocalName;
            if (ListElements.Contains(name))
            {
                if (existing.Element(child.Name) is { } list)
                {
                    UnionChildren(list, child, e => e.Name.LocalName + "\0" + e.Value.Trim());
                }
                else
                {
                    existing.Add(new XElement(child));
                }

                continue;
            }

            // Names, descriptions and flags: the first medium's stand; a language it lacks is added.
            if (languages.Add(Key(child)))
            {
                var anchor = lastOfName.GetValueOrDefault(child.Name) ?? existing.Elements().LastOrDefault(e => e.Name.LocalName is "id" or "name" or "description");
                var copy = new XElement(child);
                if (anchor is null)
                {
                    existing.AddFirst(copy);
                }
                else
                {
                    anchor.AddAfterSelf(copy);
                }

                lastOfName[child.Name] = copy;
            }
        }
    }

    private static void UnionChildren(XElement target, XElement source, Func<XElement, string> key)
    {
        var seen = new HashSet<string>(target.Elements().Select(key), StringComparer.Ordinal);
        foreach (var entry in source.Elements())
        {
            if (seen.Add(key(entry)))
            {
                target.Add(new XElement(entry));
            }
        }
    }
}
