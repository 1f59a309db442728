using System;
using System.Text;
using GenLog.Transports;

namespace GenLog.Tests;

/// <summary>The RELP response parser: frames cut at any byte boundary, and no allocation per acknowledgement.</summary>
public class RelpParserTests
{
    [Fact]
    public void Frames_split_anywhere_come_out_whole_and_in_order()
    {
        var wire = Encoding.ASCII.GetBytes("1 rsp 6 200 OK\n2 rsp 6 200 OK\n0 serverclose 0\n3 rsp 16 500 not accepted\n");
        for (var split = 1; split < wire.Length; split++)
        {
            var parser = new RelpResponseParser(64 * 1024);
            var seen = new StringBuilder();
            foreach (var part in new[] { wire.AsSpan(0, split).ToArray(), wire.AsSpan(split).ToArray() })
            {
                parser.Append(part);
                while (parser.TryNext(out var frame))
                {
                    seen.Append(frame.Transaction).Append('|').Append(Encoding.ASCII.GetString(frame.Command)).Append('|').Append(Encoding.ASCII.GetString(frame.Data)).Append(';');
                }

                parser.Compact();
            }

            Assert.Equal("1|rsp|200 OK;2|rsp|200 OK;0|serverclose|;3|rsp|500 not accepted;", seen.ToString());
        }
    }

    [Fact]
    public void An_acknowledgement_allocates_nothing()
    {
        var parser = new RelpResponseParser(64 * 1024);
        var ack = "7 rsp 6 200 OK\n"u8.ToArray();
        var frames = 0;
        for (var warm = 0; warm < 100; warm++)
        {
            frames += Feed(parser, ack);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            frames += Feed(parser, ack);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(10_100, frames);
    }

    [Fact]
    public void A_malformed_frame_is_an_error_that_shows_it()
    {
        var parser = new RelpResponseParser(64 * 1024);
        parser.Append("1 rsp x\n"u8);
        var error = Assert.Throws<System.IO.InvalidDataException>(() => parser.TryNext(out _));
        Assert.Contains("1 rsp x", error.Message);
    }

    private static int Feed(RelpResponseParser parser, byte[] bytes)
    {
        var count = 0;
        parser.Append(bytes);
        while (parser.TryNext(out var frame))
        {
            count += frame.Command.SequenceEqual("rsp"u8) && frame.Data.StartsWith("200"u8) ? 1 : 0;
        }

        parser.Compact();
        return count;
    }
}
