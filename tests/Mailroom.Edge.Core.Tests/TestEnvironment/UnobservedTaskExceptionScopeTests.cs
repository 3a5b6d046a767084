using System.Runtime.CompilerServices;
using Mailroom.Edge.Testing.UnobservedTasks;
using Xunit;

namespace Mailroom.Edge.Core.Tests.TestEnvironment;

/// <summary>
/// The check behind <see cref="FailOnUnobservedTaskExceptionsAttribute"/>, run against scopes of the tests' own that
/// take only the exceptions these tests provoke, so the run's scope never sees them and the run does not fail.
/// </summary>
public sealed class UnobservedTaskExceptionScopeTests
{
    [Fact]
    public void A_faulted_task_nobody_observes_is_reported_when_it_is_finalized()
    {
        var fault = new InvalidOperationException("deliberately unobserved");
        using var scope = new UnobservedTaskExceptionScope(e => ReferenceEquals(e, fault));

        FaultAndForget(fault, observe: false);

        var raised = Assert.Single(scope.Check());
        Assert.Same(fault, Assert.Single(raised.InnerExceptions));
        Assert.Empty(scope.Check());
    }

    [Fact]
    public void A_faulted_task_whose_exception_was_read_is_not_reported()
    {
        var fault = new InvalidOperationException("deliberately observed");
        using var scope = new UnobservedTaskExceptionScope(e => ReferenceEquals(e, fault));

        FaultAndForget(fault, observe: true);

        Assert.Empty(scope.Check());
    }

    [Fact]
    public void The_most_recently_opened_scope_that_takes_an_exception_gets_it_and_no_other()
    {
        var fault = new InvalidOperationException("deliberately unobserved, twice claimed");
        using var outer = new UnobservedTaskExceptionScope(e => ReferenceEquals(e, fault));
        using var inner = new UnobservedTaskExceptionScope(e => ReferenceEquals(e, fault));

        FaultAndForget(fault, observe: false);

        Assert.Single(inner.Check());
        Assert.Empty(outer.Check());
    }

    // Not inlined, so that no local of the test's frame keeps the task reachable past the call.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void FaultAndForget(Exception fault, bool observe)
    {
        var task = Task.FromException(fault);
        if (observe)
            _ = task.Exception;
    }
}
