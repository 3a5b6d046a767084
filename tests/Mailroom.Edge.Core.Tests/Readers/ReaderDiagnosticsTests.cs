using Mailroom.Edge.Core.Readers.Wiegand;
using Xunit;
using static Mailroom.Edge.Core.Tests.Readers.EdgeTrain;

namespace Mailroom.Edge.Core.Tests.Readers;

public class ReaderDiagnosticsTests
{
    [Fact]
    public void An_edge_the_kernel_missed_is_not_counted_as_an_overflow()
    {
        var train = new EdgeTrain().Fall(D0, 0).FallsMergedByLateInterruptThread(D1, 4_000_000).Fall(D0, 6_000_000);
        var frame = Assert.Single(Run(new WiegandFrameAssembler(D0, D1, WiegandTiming.Default), train.Events, long.MaxValue));
        var diagnostics = new ReaderDiagnostics();

        diagnostics.RecordFrame(frame);

        var snapshot = diagnostics.Snapshot();
        Assert.Equal(0, snapshot.Overflows);
        Assert.Equal(1, snapshot.MissedEdges);
    }

    [Fact]
    public void The_live_view_looks_back_on_the_last_presentations_only()
    {
        var diagnostics = new ReaderDiagnostics();
        for (var i = 0; i < ReaderDiagnostics.RecentFrameCount + 5; i++)
            diagnostics.RecordFrame(new WiegandFrame(WiegandFrameOutcome.Noise, null, 1, $"noise {i}", 0, 0, 0, 0, 0));

        var kept = diagnostics.RecentFrames();

        Assert.Equal(ReaderDiagnostics.RecentFrameCount, kept.Count);
        Assert.Equal(6, kept[0].Seq);
        Assert.Equal($"noise {ReaderDiagnostics.RecentFrameCount + 4}", kept[^1].Problem);
        Assert.Empty(diagnostics.RecentFrames(afterSeq: kept[^1].Seq));
    }
}
