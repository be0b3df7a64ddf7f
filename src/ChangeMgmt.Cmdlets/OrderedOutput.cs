namespace ChangeMgmt.Cmdlets;

/// <summary>
/// Output of per-customer work that runs in parallel, written in the customers' order whichever
/// finishes first: the first unfinished customer's objects go straight out, a later customer's are
/// held until every customer before it is done. Used on the pipeline thread only.
/// </summary>
internal sealed class OrderedOutput(int count, Action<object?, bool> write)
{
    private readonly List<(object? Item, bool Enumerate)>[] _held = [.. Enumerable.Range(0, count).Select(_ => new List<(object?, bool)>())];
    private readonly bool[] _done = new bool[count];
    private int _head;

    public void Write(int index, object? item, bool enumerate)
    {
        if (index == _head) write(item, enumerate);
        else _held[index].Add((item, enumerate));
    }

    public void Complete(int index)
    {
        _done[index] = true;
        while (_head < count && _done[_head])
        {
            _head++;
            if (_head < count) Release(_head);
        }
    }

    private void Release(int index)
    {
        foreach (var (item, enumerate) in _held[index]) write(item, enumerate);
        _held[index].Clear();
    }
}
