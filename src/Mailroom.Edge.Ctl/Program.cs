using Mailroom.Edge.Ctl;

return await CtlCommandLine.Create().Parse(args).InvokeAsync();
