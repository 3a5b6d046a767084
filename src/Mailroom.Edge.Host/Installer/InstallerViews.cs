namespace Mailroom.Edge.Host.Installer;

/// <summary>Everything the installer's page shows, read from the running agent: one per view.</summary>
public sealed record InstallerViews(
    InstallerOverview Overview, InstallerIo Io, InstallerReaders Readers, InstallerDoors Doors, InstallerCameras Cameras, InstallerReports Reports);
