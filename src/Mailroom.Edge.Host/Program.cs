using Mailroom.Edge.Host.Cli;

return await EdgeCommandLine.Create().Parse(args).InvokeAsync();
