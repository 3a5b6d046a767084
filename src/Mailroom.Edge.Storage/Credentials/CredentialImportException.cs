namespace Mailroom.Edge.Storage.Credentials;

/// <summary>A credential file had bad rows; <see cref="Errors"/> lists each with its line number.</summary>
public sealed class CredentialImportException : Exception
{
    public CredentialImportException(IReadOnlyList<string> errors)
        : base("the credential file has errors; nothing was imported:" + Environment.NewLine + string.Join(Environment.NewLine, errors)) =>
        Errors = errors;

    public CredentialImportException() => Errors = [];

    public CredentialImportException(string message) : base(message) => Errors = [message];

    public CredentialImportException(string message, Exception inner) : base(message, inner) => Errors = [message];

    public IReadOnlyList<string> Errors { get; }
}
