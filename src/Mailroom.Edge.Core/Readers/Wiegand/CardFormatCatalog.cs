namespace Mailroom.Edge.Core.Readers.Wiegand;

/// <summary>
/// The formats a device knows: the shipped ones (<see cref="CardFormats"/>) plus the site's own from config. A site
/// format may not reuse a shipped name, so a frame's recorded format always means one layout.
/// </summary>
public sealed class CardFormatCatalog
{
    private readonly Dictionary<string, CardFormat> _site;

    public CardFormatCatalog(IEnumerable<CardFormat> siteFormats)
    {
        _site = new Dictionary<string, CardFormat>(StringComparer.OrdinalIgnoreCase);
        foreach (var format in siteFormats)
        {
            if (CardFormats.Find(format.Name) is not null || IsUid(format.Name))
                throw new ArgumentException($"format {format.Name}: the name is taken by a shipped format", nameof(siteFormats));
            if (format.Validate() is { } problem)
                throw new ArgumentException(problem, nameof(siteFormats));
            if (!_site.TryAdd(format.Name, format))
                throw new ArgumentException($"format {format.Name}: defined twice", nameof(siteFormats));
        }
    }

    public static CardFormatCatalog Shipped { get; } = new([]);

    /// <summary>Every named format: shipped first, then the site's.</summary>
    public IEnumerable<CardFormat> All => CardFormats.All.Concat(_site.Values);

    /// <summary>A format by name: shipped, <see cref="CardFormats.Uid"/>, or the site's.</summary>
    public CardFormat? Find(string name) =>
        IsUid(name) ? CardFormats.Uid : CardFormats.Find(name) ?? (_site.TryGetValue(name, out var format) ? format : null);

    public static bool IsUid(string name) => string.Equals(name, CardFormats.Uid.Name, StringComparison.OrdinalIgnoreCase);
}
