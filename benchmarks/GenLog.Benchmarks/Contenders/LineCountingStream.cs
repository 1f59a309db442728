using System;
using System.IO;
using System.Threading;

namespace GenLog.Benchmarks.Contenders;

/// <summary>ZLogger's asynchronous destination in the queued benchmarks: counts the lines written, keeps nothing.</summary>
public sealed class LineCountingStream : Stream
{
    private long _lines;

    public long Lines => Volatile.Read(ref _lines);

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => 0;

    public override long Position { get => 0; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer) => _lines += buffer.Count((byte)'\n');

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
