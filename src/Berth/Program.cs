using Berth;

return RoleDispatcher.Run(args);
