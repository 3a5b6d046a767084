using System.Reflection;
using Xunit.Sdk;

namespace Mailroom.Edge.Testing.UnobservedTasks;

/// <summary>
/// Fails a test during which a faulted task went unobserved (DESIGN.md §5, the MQTTnet habit): an exception nobody
/// awaited is a failure nobody handled. Applied to a whole test assembly with
/// <c>&lt;AssemblyAttribute Include="Mailroom.Edge.Testing.UnobservedTasks.FailOnUnobservedTaskExceptionsAttribute" /&gt;</c>
/// in its project file.
/// </summary>
/// <remarks>
/// The runtime raises the event only when the task is finalized, so after each test this forces a collection and
/// waits for finalizers. Test classes run in parallel, so the failing test is the one that ended first after the
/// exception was raised: the culprit is it or a test running beside it. A test that provokes one on purpose opens its
/// own <see cref="UnobservedTaskExceptionScope"/> that takes it.
/// </remarks>
[AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Class | AttributeTargets.Method)]
public sealed class FailOnUnobservedTaskExceptionsAttribute : BeforeAfterTestAttribute
{
    // Opened for the test run, never disposed: the process ends with the run.
    private static readonly UnobservedTaskExceptionScope Run = new();

    public override void Before(MethodInfo methodUnderTest) => GC.KeepAlive(Run);

    public override void After(MethodInfo methodUnderTest)
    {
        var raised = Run.Check();
        if (raised.Count > 0)
        {
            throw new AggregateException(
                $"{raised.Count} faulted task(s) went unobserved during this test (or one running beside it); await them or handle their faults",
                raised.SelectMany(e => e.InnerExceptions));
        }
    }
}
