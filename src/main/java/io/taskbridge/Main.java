package io.taskbridge;
public final class Main { public static void main(String[] a) {} }
