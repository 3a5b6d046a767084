namespace Mailroom.Edge.Packaging.Tests;

/// <summary>Every packaging test shares one package build.</summary>
[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<PackageFixture>
{
    public const string Name = "package";
}
