#include "sql/binder_impl.h"
