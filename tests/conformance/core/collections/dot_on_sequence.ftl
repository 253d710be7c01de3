${seq.foo}
