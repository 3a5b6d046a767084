namespace Mailroom.Edge.Core.Events;

/// <summary>
/// An event that is also the latest value of a piece of state, kept retained at the broker under
/// <c>{root}/{RetainedSubtopic}</c> (e.g. <c>door/front/state</c>) so a dashboard that connects later sees it at once.
/// The outbox still carries the event; a separate retained-state publisher mirrors the latest one.
/// </summary>
public interface IRetainedState
{
    string RetainedSubtopic { get; }
}
