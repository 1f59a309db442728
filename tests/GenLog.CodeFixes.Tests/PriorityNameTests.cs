using System.Threading.Tasks;
using GenLog.CodeFixes.Spelling;
using Verify = GenLog.CodeFixes.Tests.CodeFixVerifier<GenLog.CodeFixes.PriorityNameCodeFix>;

namespace GenLog.CodeFixes.Tests;

public sealed class PriorityNameTests
{
    [Fact]
    public Task Information_becomes_info() => Verify.VerifyAsync(
        """
        using GenLog;

        namespace App;

        public static partial class Log
        {
            [SyslogMessage("daemon", {|GENLOG008:"information"|}, "Job {Name} finished")]
            public static partial void JobFinished(SyslogWriter writer, string name);
        }
        """,
        """
        using GenLog;

        namespace App;

        public static partial class Log
        {
            [SyslogMessage("daemon", "info", "Job {Name} finished")]
            public static partial void JobFinished(SyslogWriter writer, string name);
        }
        """,
        "GenLog.PriorityName.info");

    [Fact]
    public Task A_misspelt_facility_is_offered_its_neighbours() => Verify.VerifyAsync(
        """
        using GenLog;

        namespace App;

        public static partial class Log
        {
            [SyslogMessage({|GENLOG008:"local9"|}, "err", "Disk {Device} is full")]
            public static partial void DiskFull(SyslogWriter writer, string device);
        }
        """,
        """
        using GenLog;

        namespace App;

        public static partial class Log
        {
            [SyslogMessage("local0", "err", "Disk {Device} is full")]
            public static partial void DiskFull(SyslogWriter writer, string device);
        }
        """,
        "GenLog.PriorityName.local0");

    [Fact]
    public Task A_severity_given_by_parameter_name_is_fixed_there() => Verify.VerifyAsync(
        """
        using GenLog;

        namespace App;

        public static partial class Log
        {
            [SyslogMessage(message: "Disk {Device} is full", severity: {|GENLOG008:"warnig"|}, facility: "kern")]
            public static partial void DiskFull(SyslogWriter writer, string device);
        }
        """,
        """
        using GenLog;

        namespace App;

        public static partial class Log
        {
            [SyslogMessage(message: "Disk {Device} is full", severity: "warning", facility: "kern")]
            public static partial void DiskFull(SyslogWriter writer, string device);
        }
        """,
        "GenLog.PriorityName.warning");

    [Fact]
    public void Names_are_offered_best_first_and_once_per_code()
    {
        Assert.Equal(["warning"], PriorityNames.ForSeverity("warnig"));
        Assert.Equal(["crit"], PriorityNames.ForSeverity("fatal"));
        Assert.Equal(["debug"], PriorityNames.ForSeverity("Trace"));
        Assert.Equal(["err"], PriorityNames.ForSeverity("eror"));
        Assert.Equal(["local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7"], PriorityNames.ForFacility("local9"));
        Assert.Equal(["auth"], PriorityNames.ForFacility(" auth "));
        Assert.Empty(PriorityNames.ForFacility("mainframe"));
    }
}
