package jsonld

import (
	"sync"
	"sync/atomic"
)

// cache maps strings to values computed once, for readers on many
// goroutines at once: a lookup is an atomic load and a map read, and an
// addition copies the map (additions are rare and bounded: predicates and
// datatypes of a graph). sync.Map's lookup cost a sixth of the JSON-LD
// writer's time.
type cache[V any] struct {
	m  atomic.Pointer[map[string]V]
	mu sync.Mutex
}

func (c *cache[V]) load(k string) (V, bool) {
	if m := c.m.Load(); m != nil {
		v, ok := (*m)[k]
		return v, ok
	}
	var zero V
	return zero, false
}

// loadOrStore returns the value of k, storing v as it when there is none.
func (c *cache[V]) loadOrStore(k string, v V) V {
	c.mu.Lock()
	defer c.mu.Unlock()
	old := c.m.Load()
	if old != nil {
		if have, ok := (*old)[k]; ok {
			return have
		}
	}
	m := make(map[string]V, 1+len(mapOrNil(old)))
	for k, v := range mapOrNil(old) {
		m[k] = v
	}
	m[k] = v
	c.m.Store(&m)
	return v
}

func mapOrNil[V any](m *map[string]V) map[string]V {
	if m == nil {
		return nil
	}
	return *m
}
