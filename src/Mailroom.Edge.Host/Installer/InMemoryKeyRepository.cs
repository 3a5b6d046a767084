using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Mailroom.Edge.Host.Installer;

/// <summary>
/// Where the page's data-protection keys (the session cookie's and the anti-forgery tokens') are kept: in memory only.
/// By default ASP.NET writes them, unencrypted, under the service user's home, outside the data folder and outside what
/// the self-assessment checks; here nothing is written, and a restart of the agent ends every session.
/// </summary>
internal sealed class InMemoryKeyRepository : IXmlRepository
{
    private readonly Lock _gate = new();
    private readonly List<XElement> _keys = [];

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        lock (_gate)
            return [.. _keys.Select(key => new XElement(key))];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        lock (_gate)
            _keys.Add(new XElement(element));
    }
}
