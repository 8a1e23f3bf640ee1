package io.tilework.sales.map;

import io.tilework.engine.pool.FunctionRegistry;
import io.tilework.engine.pool.RemoteFunctions;

/**
 * The sales report's work that cluster workers run: {@value SplitMapper#FUNCTION}, one split mapped into a
 * {@link Partial} ({@link SplitMapper#of} reads the descriptor's parameters, {@link PartialCodec} makes the bytes sent
 * back). The worker keeps no state of its own between chunks: each thread reuses its {@code Scratch} arrays, as the
 * local pool's threads do. The reduce, the duplicate check and the rejects file stay on the coordinator.
 */
public final class SalesFunctions implements RemoteFunctions {

    @Override
    public void register(FunctionRegistry registry) {
        registry.register(SplitMapper.FUNCTION, (parameters, inputs) -> PartialCodec.INSTANCE.encode(SplitMapper.of(parameters).map()));
    }
}
