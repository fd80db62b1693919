#pragma once

namespace walness::ui {

// Chooses how Qt Quick renders; call before the QApplication is created.
//
// Debian's libtorch_cpu embeds its own LLVM and exports LLVM's C API (LLVMInitializeX86Target...).
// Mesa's GL drivers (llvmpipe, radeonsi) look those names up at run time, get LibTorch's copies
// and crash creating the first OpenGL context. So the map (the only Qt Quick content) renders
// with Qt Quick's software renderer, which needs no OpenGL. QT_QUICK_BACKEND overrides this.
void configureGraphics();

}  // namespace walness::ui
