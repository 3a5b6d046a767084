namespace Mailroom.Edge.Core.Events;

/// <summary>
/// An append could not be made durable (the disk is full, the file is unwritable). The caller logs it and carries on:
/// the door has already moved. <see cref="HeldInMemory"/> says whether the outbox kept the event to write it when storage
/// recovers (then the caller must not append it again, or it would be delivered twice).
/// </summary>
public sealed class EventNotDurableException : Exception
{
    public EventNotDurableException() { }

    public EventNotDurableException(string message) : base(message) { }

    public EventNotDurableException(string message, Exception inner) : base(message, inner) { }

    public EventNotDurableException(string message, bool heldInMemory, Exception? inner = null) : base(message, inner) =>
        HeldInMemory = heldInMemory;

    /// <summary>True when the event is kept in memory and will be written (with a new seq) once storage recovers.</summary>
    public bool HeldInMemory { get; }
}
