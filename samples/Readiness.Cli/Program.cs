using Readiness.Cli;

// readiness <verb> ...: a console front end over Readiness.Core. Later issues add verbs.
return ReadinessCommand.Run(args);
