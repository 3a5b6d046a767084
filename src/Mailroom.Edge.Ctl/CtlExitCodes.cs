namespace Mailroom.Edge.Ctl;

/// <summary>mailroomctl's exit codes, for scripts: a command's result maps to one of them.</summary>
public static class CtlExitCodes
{
    public const int Accepted = 0;
    public const int Usage = 1;
    public const int Rejected = 2;
    public const int Failed = 3;
    public const int NoAnswer = 4;

    /// <summary>A file the verb reads is bad (a credential CSV's lines are printed); nothing was sent.</summary>
    public const int BadFile = 5;
}
